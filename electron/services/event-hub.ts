// Fan-out of contract push events to whichever transport clients are listening.
// Node side; the browser host subscribes its SSE streams, Electron main its webContents.
import { channelName, type EventSink } from '../../common/api.js';

export type ChannelListener = (channel: string, payload: unknown) => void;

export class EventHub {
  private readonly listeners = new Set<ChannelListener>();

  readonly emit: EventSink = (namespace, name, payload) => {
    const channel = channelName(namespace, String(name));
    for (const listener of this.listeners) {
      try {
        listener(channel, payload);
      } catch (err) {
        console.error('[uad] event listener failed:', err);
      }
    }
  };

  subscribe(listener: ChannelListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
