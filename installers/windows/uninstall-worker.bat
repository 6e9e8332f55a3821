@echo off
rem Stops and removes the Windows service "XtremWebWorker" installed by install-worker.bat.
rem Run as Administrator. The installation directory and its var\ (host identity) are kept.
setlocal
if "%XW_HOME%"=="" set "XW_HOME=%~dp0..\.."
for %%I in ("%XW_HOME%") do set "XW_HOME=%%~fI"
net stop XtremWebWorker
"%XW_HOME%\bin\prunsrv.exe" //DS//XtremWebWorker
if errorlevel 1 (
  echo Cannot remove the service XtremWebWorker. 1>&2
  exit /b 1
)
endlocal
