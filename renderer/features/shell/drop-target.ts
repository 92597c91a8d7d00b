// Drag and drop onto the window (desktop app): a model (.onnx) loads into slot A, a case file (.zip) is
// verified, one image is checked (the one-image check), a protocol list, manifest or folder is listed as the
// dataset. Renderer; pure routing + handler.

export type DropAction = 'model' | 'case' | 'image' | 'dataset';

/** Extensions routed to the one-image check; whether the host can decode the file is the host's to say. */
const IMAGE_NAME = /\.(jpe?g|png|webp|gif|bmp|tiff?|avif|heic|heif)$/;

/** What a dropped path is opened as, by its extension (anything else, folders included: a dataset). */
export function dropActionFor(path: string): DropAction {
  const name = path.toLowerCase();
  if (name.endsWith('.onnx')) return 'model';
  if (name.endsWith('.zip')) return 'case';
  if (IMAGE_NAME.test(name)) return 'image';
  return 'dataset';
}

export interface DropTargets {
  openModel: (path: string) => void;
  verifyCase: (path: string) => void;
  openDataset: (path: string) => void;
  checkImage: (path: string) => void;
  notice: (text: string) => void;
  /** The dropped file's path on the host ('' where the host cannot tell). */
  pathOf: (file: File) => string;
}

/** Handles one drop event: the first item's path, routed; browser mode cannot see paths and says so. */
export function handleDrop(event: DragEvent, targets: DropTargets): void {
  const file = event.dataTransfer?.files[0];
  if (!file) return;
  event.preventDefault();
  const path = targets.pathOf(file);
  if (path === '') {
    targets.notice(dropActionFor(file.name) === 'image'
      ? 'Dropped images are checked in the desktop app; in the browser, type or paste the image\'s path under "Check one image".'
      : 'Dropped files open in the desktop app; in the browser, type or paste the path instead.');
    return;
  }
  const action = dropActionFor(path);
  if (action === 'model') targets.openModel(path);
  else if (action === 'case') targets.verifyCase(path);
  else if (action === 'image') targets.checkImage(path);
  else targets.openDataset(path);
}
