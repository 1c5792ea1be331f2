// Theme preference shared by the server layout (reads the cookie) and the client switcher.
export const THEME_COOKIE = "stagegate-theme";
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export function themeFrom(value: string | undefined): Theme {
  return (THEMES as readonly string[]).includes(value ?? "") ? (value as Theme) : "system";
}
