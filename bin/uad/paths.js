import { existsSync, readFileSync } from "node:fs";
import "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
// electron/services/paths.ts
var cachedRoot;
/** The folder holding this project's package.json (found by walking up from this file; app.asar when packaged). */
function projectRoot() {
	if (cachedRoot) return cachedRoot;
	let dir = path.dirname(fileURLToPath(import.meta.url));
	for (;;) {
		const candidate = path.join(dir, "package.json");
		if (existsSync(candidate)) try {
			if (JSON.parse(readFileSync(candidate, "utf8")).name === "uad-workbench") return cachedRoot = dir;
		} catch {}
		const parent = path.dirname(dir);
		if (parent === dir) throw new Error("cannot locate the uad-workbench package root");
		dir = parent;
	}
}
var configuredLayout = {};
/**
* The running layout. The Electron main process says whether it is packaged (configureAppPaths); elsewhere
* (the packaged CLI, run by the app's own binary as Node from <resources>/app.asar.unpacked/bin/uad) the
* code itself tells: packaged code lives in <resources>/app.asar or app.asar.unpacked.
*/
function currentLayout(root = projectRoot()) {
	const parts = root.split(path.sep);
	const archive = parts.findIndex((part) => part === "app.asar" || part === "app.asar.unpacked");
	const resourcesPath = process.resourcesPath ?? (archive > 0 ? parts.slice(0, archive).join(path.sep) : void 0);
	return {
		isPackaged: configuredLayout.isPackaged ?? archive > 0,
		resourcesPath,
		projectRoot: root
	};
}
/**
* The folder of the bundled `models` or `assets`: <resourcesPath>/<kind> in a packaged app (electron-builder's
* extraResources, build/electron-builder.yml), <projectRoot>/<kind> in the project tree.
*/
function bundledDir(kind, layout = currentLayout()) {
	if (layout.isPackaged) {
		if (!layout.resourcesPath) throw new Error(`packaged app without a resources path: cannot locate ${kind}/`);
		return path.join(layout.resourcesPath, kind);
	}
	return path.join(layout.projectRoot, kind);
}
function appVersion() {
	return JSON.parse(readFileSync(path.join(projectRoot(), "package.json"), "utf8")).version;
}
export { bundledDir as n, appVersion as t };
