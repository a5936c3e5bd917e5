import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * Shade 8 of the primary colour keeps white text on filled buttons above 4.5:1; Mantine's default dimmed
 * grey (shade 6) is 3.3:1 on white, so it moves to shade 7. The e2e suite runs axe-core on every page.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'sm',
  focusRing: 'auto',
  cursorType: 'pointer',
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    // Error texts and borders: Mantine's red 6 is 3.3:1 on white.
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    // Light variant (active nav link…): blue 9 text is 4.0:1 on Mantine's hover blue 2; one shade lighter
    // each, it stays above 4.5:1 (5.6:1 at rest, 4.9:1 hovered) and the hover still shows.
    '--mantine-color-blue-light': 'var(--mantine-color-blue-0)',
    '--mantine-color-blue-light-hover': 'var(--mantine-color-blue-1)',
  },
  dark: {},
});
