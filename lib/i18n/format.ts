import type { Locale } from "@/lib/i18n/locale";

// The part of ICU MessageFormat that our texts use, read as next-intl reads it: `{name}`,
// `{name, plural, one {# day} other {# days}}` (with `=0`-style exact cases), `{name, select, …}`,
// and a typed `{name, number}` (formatted as a plain number). Small on purpose: the API's
// messages are translated in the browser too, where a whole ICU runtime would be dead weight.

type Cases = Record<string, Part[]>;
export type Part = string | { name: string } | { name: string; kind: "plural" | "select"; cases: Cases };
export type Values = Record<string, string | number>;

class Reader {
  index = 0;
  constructor(readonly text: string) {}

  /** Parts up to the closing brace of the enclosing argument (or the end). */
  parts(): Part[] {
    const parts: Part[] = [];
    let literal = "";
    while (this.index < this.text.length) {
      const char = this.text[this.index];
      if (char === "}") break;
      if (char === "{") {
        if (literal) parts.push(literal);
        literal = "";
        parts.push(this.argument());
      } else {
        literal += char;
        this.index += 1;
      }
    }
    if (literal) parts.push(literal);
    return parts;
  }

  private argument(): Part {
    this.index += 1;
    const header = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:,\s*([a-z]+)\s*)?/.exec(
      this.text.slice(this.index, this.index + 120),
    );
    if (!header) throw new SyntaxError(`Bad placeholder at ${this.index} in: ${this.text}`);
    this.index += header[0].length;
    const [, name, type] = header;
    if (type !== "plural" && type !== "select" && type !== "selectordinal") {
      // A plain `{name}`, or a typed one (`{count, number}`), whose style is not used here.
      if (type) this.index += /^[^{}]*/.exec(this.text.slice(this.index))![0].length;
      this.expect("}");
      return { name };
    }
    this.expect(",");
    const cases: Cases = {};
    for (;;) {
      const selector = /^\s*(=?[A-Za-z0-9_-]+)\s*\{/.exec(this.text.slice(this.index, this.index + 80));
      if (!selector) break;
      this.index += selector[0].length;
      cases[selector[1]] = this.parts();
      this.expect("}");
    }
    this.index += /^\s*/.exec(this.text.slice(this.index))![0].length;
    this.expect("}");
    if (!cases.other) throw new SyntaxError(`A ${type} without "other" in: ${this.text}`);
    return { name, kind: type === "select" ? "select" : "plural", cases };
  }

  private expect(char: string): void {
    if (this.text[this.index] !== char) throw new SyntaxError(`Expected "${char}" at ${this.index} in: ${this.text}`);
    this.index += 1;
  }
}

export function parseMessage(text: string): Part[] {
  const reader = new Reader(text);
  const parts = reader.parts();
  if (reader.index !== text.length) throw new SyntaxError(`Unbalanced "}" in: ${text}`);
  return parts;
}

/** Every placeholder's name, those inside plural cases included. */
export function placeholderNames(text: string): Set<string> {
  const names = new Set<string>();
  const walk = (parts: Part[]) => {
    for (const part of parts) {
      if (typeof part === "string") continue;
      names.add(part.name);
      if ("cases" in part) Object.values(part.cases).forEach(walk);
    }
  };
  walk(parseMessage(text));
  return names;
}

// No grouping: "1000 seconds" must match the Retry-After header's digits.
const number = (value: number, locale: Locale) => new Intl.NumberFormat(locale, { useGrouping: false }).format(value);

function render(parts: Part[], values: Values, locale: Locale, count?: string | number): string {
  return parts
    .map((part) => {
      // A count that came as text (from an English message) is written as it came.
      if (typeof part === "string")
        return count === undefined
          ? part
          : part.replaceAll("#", typeof count === "number" ? number(count, locale) : count);
      const value = values[part.name];
      if (value === undefined) return `{${part.name}}`;
      if (!("cases" in part)) return typeof value === "number" ? number(value, locale) : value;
      if (part.kind === "select") return render(part.cases[value] ?? part.cases.other, values, locale, count);
      const numeric = Number(value);
      const exact = part.cases[`=${numeric}`];
      const category = Number.isFinite(numeric) ? new Intl.PluralRules(locale).select(numeric) : "other";
      return render(exact ?? part.cases[category] ?? part.cases.other, values, locale, value);
    })
    .join("");
}

/** The text with its placeholders filled in; one without a value stays as `{name}`. */
export function formatMessage(text: string, values: Values, locale: Locale): string {
  return render(parseMessage(text), values, locale);
}
