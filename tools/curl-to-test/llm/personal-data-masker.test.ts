import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultNameFields, personalDataKinds } from "./llm-options.ts";
import { PersonalDataMasker } from "./personal-data-masker.ts";

const everything = () =>
  new PersonalDataMasker({ kinds: personalDataKinds, nameFields: defaultNameFields });

describe("PersonalDataMasker", () => {
  it("masks emails, also percent-decoded ones in text", () => {
    assert.equal(
      everything().maskText("write to minji.kim+orders@example.co.kr today"),
      "write to [email-1] today",
    );
  });

  it("masks Korean phone numbers in every usual format", () => {
    const masker = everything();
    for (const phone of [
      "010-1234-5678",
      "01012345678",
      "010 1234 5678",
      "+82 10-1234-5678",
      "+82-10-1234-5678",
      "+821012345678",
      "02-123-4567",
      "031-123-4567",
    ]) {
      assert.match(masker.maskText(`call ${phone}.`), /^call \[phone-\d+\]\.$/, phone);
    }
  });

  it("masks international numbers", () => {
    assert.equal(everything().maskText("+1 415 555 0100"), "[phone-1]");
    assert.equal(everything().maskText("(415) 555-0100"), "[phone-1]");
  });

  it("masks street addresses: Korean, romanised and English", () => {
    const masker = everything();
    assert.equal(masker.maskText("서울특별시 강남구 테헤란로 12"), "[address-1]");
    assert.equal(masker.maskText("to 12 Teheran-ro, Gangnam-gu please"), "to [address-2] please");
    assert.equal(masker.maskText("Teheran-ro 12-3"), "[address-3]");
    assert.equal(masker.maskText("221B Baker Street"), "[address-4]");
  });

  it("masks whole values of address and name fields, whatever they look like", () => {
    const masked = everything().maskJson({
      deliveryAddress: "Apt 3, somewhere quiet",
      recipient: "Kim Minji",
      customer: { fullName: "Lee Jiwoo", name: "Lee Jiwoo" },
      note: "ring twice",
    });
    assert.deepEqual(masked, {
      deliveryAddress: "[address-1]",
      recipient: "[name-1]",
      customer: { fullName: "[name-2]", name: "[name-2]" },
      note: "ring twice",
    });
  });

  it("gives one value one placeholder, so the model still sees fields agree", () => {
    const masker = everything();
    const masked = masker.maskJson({
      request: { email: "a@example.com" },
      response: { contact: "a@example.com", other: "b@example.com" },
    });
    assert.deepEqual(masked, {
      request: { email: "[email-1]" },
      response: { contact: "[email-1]", other: "[email-2]" },
    });
    assert.equal(masker.maskedCounts.get("email"), 2);
  });

  it("leaves ids, timestamps, prices, uuids and numbers alone", () => {
    const text =
      "order 7 at 2026-11-22T10:55:07.123Z for 35500 KRW, id 6c1e1c5e-2b4f-4a53-9d1b-3f0a8f1c2e11, version 1.2.3";
    assert.equal(everything().maskText(text), text);
    assert.deepEqual(everything().maskJson({ total: 35500, memberId: 42, ok: true }), {
      total: 35500,
      memberId: 42,
      ok: true,
    });
  });

  it("masks only the kinds asked for, and the name fields given", () => {
    const masker = new PersonalDataMasker({ kinds: ["email"], nameFields: ["buyer"] });
    assert.deepEqual(
      masker.maskJson({ buyer: "Kim", phone: "010-1234-5678", mail: "x@example.com" }),
      { buyer: "Kim", phone: "010-1234-5678", mail: "[email-1]" },
    );
    const names = new PersonalDataMasker({ kinds: ["name"], nameFields: ["buyer"] });
    assert.deepEqual(names.maskJson({ buyer: "Kim", name: "Lee" }), {
      buyer: "[name-1]",
      name: "Lee",
    });
  });
});
