import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "Vestibule",
  description: "Sign up, log in and log out — in the browser and over a JSON API.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <a href="/" className="brand">
            Vestibule
          </a>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
