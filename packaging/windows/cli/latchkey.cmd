@echo off
rem The `latchkey` command: runs the CLI launcher next to this folder with every argument,
rem and exits with its exit code. Installed by the Latchkey .msi; this folder is on PATH.
"%~dp0..\latchkey-cli.exe" %*
exit /b %ERRORLEVEL%
