// The areas that exist. Later areas are added here as they ship.
export interface NavItem {
  href: string;
  label: string;
}

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview" },
  { href: "/status", label: "System status" },
];
