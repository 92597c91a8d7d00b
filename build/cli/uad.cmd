@echo off
rem The `uad` command of an installed UAD Workbench (Windows): the app's own Electron binary runs as Node
rem on the compiled CLI shipped unpacked in <resources>\app.asar.unpacked\bin\uad. Add this folder to PATH.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\..\UAD Workbench.exe" "%~dp0..\app.asar.unpacked\bin\uad\cli.js" %*
