/**
 * Constants injected by @electron-forge/plugin-vite at build time (`define`). The dev-server URL is only
 * defined under `electron-forge start`; packaged builds leave it undefined.
 */
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string;
