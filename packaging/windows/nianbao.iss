; Inno Setup 6 script: a per-user install of 年报编辑器 without administrator rights.
; Start-menu entry, the .nianbao file type with its own icon opening in the editor, an uninstaller.
; Build on Windows from the repository root (docs/installing.md):
;   pyinstaller --noconfirm packaging\nianbao.spec
;   iscc packaging\windows\nianbao.iss            -> dist\installer\nianbao-setup-<version>.exe
; Paths below are relative to this file; override with iscc /DBundleDir=... /DIconDir=...

#define AppName "年报编辑器"
#define AppVersion "0.1.0"
#ifndef BundleDir
  #define BundleDir "..\..\dist\nianbao"
#endif
#ifndef IconDir
  #define IconDir "..\..\build\nianbao\icons"
#endif
#define ProgId "Nianbao.Report"

[Setup]
; The AppId identifies the program for upgrades and the uninstaller: never change it.
AppId={{8C6311DB-6ECD-41CB-8EBD-C9C069297A53}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=nianbao
; lowest: no UAC prompt; {autopf} is then %LOCALAPPDATA%\Programs and registry keys go to HKCU.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\Nianbao
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile={#IconDir}\app.ico
UninstallDisplayIcon={app}\nianbao-editor.exe
UninstallDisplayName={#AppName}
OutputDir=..\..\dist\installer
OutputBaseFilename=nianbao-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#IconDir}\document.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\nianbao-editor.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\nianbao-editor.exe"; Tasks: desktopicon

[Registry]
; HKA is HKCU for a per-user install (HKLM when an administrator chose "all users").
Root: HKA; Subkey: "Software\Classes\.nianbao"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.nianbao\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "政府信息公开工作年度报告"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\document.ico,0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\nianbao-editor.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\nianbao-editor.exe\SupportedTypes"; ValueType: string; ValueName: ".nianbao"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\nianbao-editor.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
