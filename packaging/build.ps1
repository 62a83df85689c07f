# Builds the Windows app with PyInstaller: dist\unipile-desktop\unipile-desktop.exe (one folder, the default) or
# dist\onefile\unipile-desktop.exe (-OneFile). The Windows counterpart of packaging/build.sh; same spec file.
#
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1 [-OneFile]
#
# Needs the project venv: py -3.11 -m venv .venv; .venv\Scripts\pip install -e .
# Not exercised by CI (CI runs on Linux); PyInstaller does not cross-compile, so build on Windows.
param([switch]$OneFile)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

$PyInstallerVersion = "6.22.3"
$HooksContribVersion = "2026.9"
$python = ".venv\Scripts\python.exe"

if (-not (Test-Path $python)) {
    Write-Error "No .venv here; create it first: py -3.11 -m venv .venv; .venv\Scripts\pip install -e ."
}
# A probe that may fail on purpose: its error output must not stop the script. Windows PowerShell 5.1 turns a native
# program's redirected stderr into error records, which "Stop" would make fatal; the function's own preference wins.
function Invoke-Probe([string]$code) {
    $ErrorActionPreference = "Continue"
    $output = & $python -c $code 2>$null
    if ($LASTEXITCODE -ne 0) { return $null }
    return $output
}
if ($null -eq (Invoke-Probe "import importlib.metadata as m; print(m.version('unipile-desktop'))")) {
    & $python -m pip install -q -e .
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}
$installed = Invoke-Probe "import PyInstaller; print(PyInstaller.__version__)"
if ($installed -ne $PyInstallerVersion) {
    & $python -m pip install -q "pyinstaller==$PyInstallerVersion" "pyinstaller-hooks-contrib==$HooksContribVersion"
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

if ($OneFile) { $env:UNIPILE_ONEFILE = "1"; $distpath = "dist\onefile"; $shipped = "dist\onefile\unipile-desktop.exe" }
else { $env:UNIPILE_ONEFILE = "0"; $distpath = "dist"; $shipped = "dist\unipile-desktop" }

# The translations: .ts -> .qm with pyside6-lrelease (committed too; CI checks they match the .ts).
& $python packaging\i18n.py compile
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }

$watch = [Diagnostics.Stopwatch]::StartNew()
& $python -m PyInstaller --noconfirm --clean --log-level WARN --distpath $distpath `
    --workpath "build\pyinstaller-$($env:UNIPILE_ONEFILE)" packaging\unipile-desktop.spec
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
$watch.Stop()

$bytes = (Get-ChildItem $shipped -Recurse -File | Measure-Object -Property Length -Sum).Sum
"built {0} in {1:N0}s ({2:N0} MB)" -f $shipped, $watch.Elapsed.TotalSeconds, ($bytes / 1MB)
# unipile-desktop.exe is the windowed double-click app (it prints nothing in a terminal); unipile-desktop-cli.exe
# beside it is the same program as a console app, for `profile ...`, --version and --smoke-test.
