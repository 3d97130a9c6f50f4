@echo off
rem Airgap on Windows: with no arguments (or workbench options) opens the workbench; with a command (login,
rem sync, jobs, run, status, ..., help lists them) or one of its global options (--workspace, --json) runs the
rem airgap command line. Needs Java 21 or later: AIRGAP_JAVA_HOME or JAVA_HOME, else java on the PATH.
setlocal EnableExtensions
for %%H in ("%~dp0..") do set "AIRGAP_HOME=%%~fH"
set "JAVA_BIN="
if defined AIRGAP_JAVA_HOME (
  set "JAVA_BIN=%AIRGAP_JAVA_HOME%\bin\"
) else if defined JAVA_HOME (
  set "JAVA_BIN=%JAVA_HOME%\bin\"
)
set "LAUNCHER="
for %%L in ("%AIRGAP_HOME%\plugins\org.eclipse.equinox.launcher_*.jar") do set "LAUNCHER=%%~fL"
if not defined LAUNCHER (
  echo airgap: no Equinox launcher in %AIRGAP_HOME%\plugins: the installation is damaged. 1>&2
  exit /b 1
)
set VMARGS=-Xms64m -Xmx1g "-Djava.util.logging.config.file=%AIRGAP_HOME%\etc\logging.properties" -Dosgi.requiredJavaVersion=21 %AIRGAP_VMARGS%

set "FIRST=%~1"
if not defined FIRST goto workbench
if "%FIRST%"=="--json" goto command
if "%FIRST:~0,11%"=="--workspace" goto command
if "%FIRST:~0,1%"=="-" goto workbench

:command
"%JAVA_BIN%java.exe" %VMARGS% -Djava.awt.headless=true -jar "%LAUNCHER%" -install "%AIRGAP_HOME%" -nosplash ^
  -application org.airgap.cli.application %*
exit /b %ERRORLEVEL%

:workbench
start "Airgap" "%JAVA_BIN%javaw.exe" %VMARGS% -jar "%LAUNCHER%" -install "%AIRGAP_HOME%" -nosplash %*
exit /b 0
