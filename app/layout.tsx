import type { Metadata } from "next";
import Link from "next/link";
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
          <Link href="/" className="brand">
            Vestibule
          </Link>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
