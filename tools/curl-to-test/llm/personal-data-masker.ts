/**
 * Masks personal data before anything is put in a prompt: email addresses, phone numbers
 * (Korean `010-1234-5678`, `+82 10-1234-5678`, `02-123-4567`, and international E.164), street
 * addresses (Korean road names, romanised `12 Teheran-ro`, English `221 Baker Street`, and any
 * value of an address-named field) and names in known fields. The same value gets the same
 * placeholder within one masker, so the model can still see that two fields agree.
 */
import type { PersonalDataKind } from "./llm-options.ts";

export interface PersonalDataMaskerOptions {
  kinds: readonly PersonalDataKind[];
  /** Field names whose string values are people's names (compared case-insensitively). */
  nameFields: readonly string[];
}

const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

const phonePatterns = [
  // Korean numbers with the country code: +82 10-1234-5678, +82-2-123-4567, +821012345678.
  /(?<![\w+])\+82[ -]?\(?0?\)?[ -]?1?\d{1,2}[ -]?\d{3,4}[ -]?\d{4}(?!\d)/g,
  // Korean mobile and area-code numbers: 010-1234-5678, 01012345678, 02-123-4567, 031 123 4567.
  /(?<!\w|\d\.)0(?:1[016789]|2|[3-6][1-5]|70)[ -]?\d{3,4}[ -]?\d{4}(?!\w|\.\d)/g,
  // Other international numbers: +1 415 555 0100, +44 20 7946 0958.
  /(?<![\w+])\+[1-9]\d{0,2}(?:[ -]?\(?\d{1,4}\)?){2,5}(?!\d)/g,
  // North American style: (415) 555-0100.
  /\(\d{3}\) ?\d{3}-\d{4}(?!\d)/g,
];

const addressPatterns = [
  // Korean road and lot addresses: 테헤란로 12, 강남대로 123-4, 역삼동 823-1.
  /(?:[가-힣]+(?:시|도)\s+)?(?:[가-힣]+(?:구|군)\s+)?[가-힣0-9]+(?:로|길|동|읍|면|리)\s*\d+(?:-\d+)?(?:\s*번?길\s*\d+)?/g,
  // Romanised Korean: 12 Teheran-ro, Gangnam-gu / Teheran-ro 12-3.
  /\d+(?:-\d+)?,?\s+[A-Z][a-z]+(?:-[a-z]+)?-(?:ro|gil|daero)\b(?:\s*\d+(?:-gil)?)?(?:,\s*[A-Z][a-z]+-(?:gu|dong|si|gun|eup|myeon))*/g,
  /\b[A-Z][a-z]+(?:-[a-z]+)?-(?:ro|gil|daero)\s+\d+(?:-\d+)?(?:,\s*[A-Z][a-z]+-(?:gu|dong|si|gun|eup|myeon))*/g,
  // English street addresses: 221B Baker Street, 1600 Amphitheatre Pkwy.
  /\b\d+[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|Parkway|Pkwy|Square|Sq)\b\.?/g,
];

/** Fields whose whole string value is an address, whatever it looks like. */
const addressField =
  /^(?:.*address(?:line\d*)?|street(?:address)?|addr(?:ess)?\d*|road|detailaddress|zip(?:code)?|postcode|postalcode)$/i;

export class PersonalDataMasker {
  readonly #kinds: ReadonlySet<PersonalDataKind>;
  readonly #nameFields: ReadonlySet<string>;
  readonly #placeholders = new Map<string, string>();
  readonly #counts = new Map<PersonalDataKind, number>();

  constructor(options: PersonalDataMaskerOptions) {
    this.#kinds = new Set(options.kinds);
    this.#nameFields = new Set(options.nameFields.map((field) => field.toLowerCase()));
  }

  /** How many distinct values of each kind were masked so far. */
  get maskedCounts(): ReadonlyMap<PersonalDataKind, number> {
    return this.#counts;
  }

  /** Free text with every email, phone number and street address replaced. */
  maskText(text: string): string {
    let masked = text;
    if (this.#kinds.has("email")) {
      masked = masked.replace(emailPattern, (found) => this.#placeholder("email", found));
    }
    if (this.#kinds.has("phone")) {
      for (const pattern of phonePatterns) {
        masked = masked.replace(pattern, (found) =>
          digitCount(found) >= 8 ? this.#placeholder("phone", found) : found,
        );
      }
    }
    if (this.#kinds.has("address")) {
      for (const pattern of addressPatterns) {
        masked = masked.replace(pattern, (found) => this.#placeholder("address", found));
      }
    }
    return masked;
  }

  /** A string value under `key` (the last object key on its path, if any). */
  maskField(key: string | undefined, value: string): string {
    if (key !== undefined && value.trim() !== "") {
      if (this.#kinds.has("name") && this.#nameFields.has(key.toLowerCase())) {
        return this.#placeholder("name", value);
      }
      if (this.#kinds.has("address") && addressField.test(key)) {
        return this.#placeholder("address", value);
      }
    }
    return this.maskText(value);
  }

  /** A copy of a JSON value with every string masked, by its field name and its text. */
  maskJson(value: unknown, key?: string): unknown {
    if (typeof value === "string") return this.maskField(key, value);
    if (Array.isArray(value)) return value.map((item) => this.maskJson(item, key));
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([childKey, child]) => [
          childKey,
          this.maskJson(child, childKey),
        ]),
      );
    }
    return value;
  }

  #placeholder(kind: PersonalDataKind, value: string): string {
    const key = `${kind}\u0000${value}`;
    let placeholder = this.#placeholders.get(key);
    if (!placeholder) {
      const count = (this.#counts.get(kind) ?? 0) + 1;
      this.#counts.set(kind, count);
      placeholder = `[${kind}-${count}]`;
      this.#placeholders.set(key, placeholder);
    }
    return placeholder;
  }
}

function digitCount(text: string): number {
  return text.replace(/\D/g, "").length;
}
