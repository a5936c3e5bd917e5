import { app, Menu, type MenuItemConstructorOptions } from 'electron';

/**
 * The application menu, in French (the workspace's default language). Only role items: Electron wires their
 * behaviour and platform conventions; we only give them French labels. Top-level menus carry no role, as
 * macOS would then replace their items with its own.
 */
export function installFrenchMenu(options: { devTools: boolean }): void {
  const mac = process.platform === 'darwin';
  app.setAboutPanelOptions({ applicationName: 'Guichet', applicationVersion: app.getVersion() });
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [macAppMenu()] : []),
    {
      label: 'Fichier',
      submenu: [mac ? { role: 'close', label: 'Fermer la fenêtre' } : { role: 'quit', label: 'Quitter Guichet' }],
    },
    {
      label: 'Édition',
      submenu: [
        { role: 'undo', label: 'Annuler' },
        { role: 'redo', label: 'Rétablir' },
        { type: 'separator' },
        { role: 'cut', label: 'Couper' },
        { role: 'copy', label: 'Copier' },
        { role: 'paste', label: 'Coller' },
        { role: 'pasteAndMatchStyle', label: 'Coller sans la mise en forme' },
        { role: 'delete', label: 'Supprimer' },
        { type: 'separator' },
        { role: 'selectAll', label: 'Tout sélectionner' },
      ],
    },
    {
      label: 'Affichage',
      submenu: [
        { role: 'reload', label: 'Actualiser' },
        ...(options.devTools
          ? ([{ role: 'toggleDevTools', label: 'Outils de développement' }] satisfies MenuItemConstructorOptions[])
          : []),
        { type: 'separator' },
        { role: 'resetZoom', label: 'Taille réelle' },
        { role: 'zoomIn', label: 'Zoom avant' },
        { role: 'zoomOut', label: 'Zoom arrière' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Plein écran' },
      ],
    },
    {
      label: 'Fenêtre',
      submenu: [
        { role: 'minimize', label: 'Réduire' },
        ...(mac
          ? ([{ role: 'zoom', label: 'Agrandir' }] satisfies MenuItemConstructorOptions[])
          : ([{ role: 'close', label: 'Fermer' }] satisfies MenuItemConstructorOptions[])),
      ],
    },
    {
      label: 'Aide',
      submenu: [{ role: 'about', label: 'À propos de Guichet' }],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function macAppMenu(): MenuItemConstructorOptions {
  return {
    label: app.name,
    submenu: [
      { role: 'about', label: 'À propos de Guichet' },
      { type: 'separator' },
      { role: 'hide', label: 'Masquer Guichet' },
      { role: 'hideOthers', label: 'Masquer les autres' },
      { role: 'unhide', label: 'Tout afficher' },
      { type: 'separator' },
      { role: 'quit', label: 'Quitter Guichet' },
    ],
  };
}
