@echo off
rem Installs the XtremWeb worker as the Windows service "XtremWebWorker" with Apache Commons
rem Daemon procrun (prunsrv.exe, https://commons.apache.org/proper/commons-daemon/procrun.html).
rem The manual's InstallXWWorker-NT.bat. Run as Administrator from the installation directory:
rem   installers\windows\install-worker.bat
rem Needs: prunsrv.exe (64-bit) in %XW_HOME%\bin, a JDK 21+ (JAVA_HOME), lib\ with the worker jars,
rem conf\xtremweb.worker.conf and the server certificate it names.
setlocal
if "%XW_HOME%"=="" set "XW_HOME=%~dp0..\.."
for %%I in ("%XW_HOME%") do set "XW_HOME=%%~fI"
if "%JAVA_HOME%"=="" (
  echo JAVA_HOME is not set: point it to a JDK 21 or later. 1>&2
  exit /b 1
)
set "PRUNSRV=%XW_HOME%\bin\prunsrv.exe"
if not exist "%PRUNSRV%" (
  echo %PRUNSRV% not found: download Apache Commons Daemon and copy prunsrv.exe there. 1>&2
  exit /b 1
)
if not exist "%XW_HOME%\var\log" mkdir "%XW_HOME%\var\log"

rem The worker runs inside the service's JVM (jvm mode): procrun calls WorkerMain.main to start it
rem and WorkerMain.stop to stop it, which runs the same shutdown as Ctrl-C (jobs killed, server told).
rem LocalService is an unprivileged account; the worker needs no administrator rights.
"%PRUNSRV%" //IS//XtremWebWorker ^
  --DisplayName="XtremWeb worker" ^
  --Description="XtremWeb desktop grid worker: computes for the grid when the machine is not used" ^
  --Startup=auto ^
  --ServiceUser="NT AUTHORITY\LocalService" ^
  --Jvm="%JAVA_HOME%\bin\server\jvm.dll" ^
  --Classpath="%XW_HOME%\lib\*" ^
  --JvmOptions="-Dxw.home=%XW_HOME%" ^
  --StartMode=jvm --StartClass=xtremweb.worker.WorkerMain --StartMethod=main ^
  --StartParams="--xwconfig;%XW_HOME%\conf\xtremweb.worker.conf" ^
  --StopMode=jvm --StopClass=xtremweb.worker.WorkerMain --StopMethod=stop --StopTimeout=30 ^
  --LogPath="%XW_HOME%\var\log" --LogPrefix=xtremweb.worker --StdOutput=auto --StdError=auto
if errorlevel 1 (
  echo Cannot install the service XtremWebWorker. 1>&2
  exit /b 1
)
net start XtremWebWorker
endlocal
