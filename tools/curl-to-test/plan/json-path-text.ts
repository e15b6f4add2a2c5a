/** `items[0].id`: a path into a JSON value as messages and check names show it. */
export function jsonPathText(path: readonly (string | number)[]): string {
  return path
    .map((step, index) =>
      typeof step === "number" ? `[${step}]` : index === 0 ? step : `.${step}`,
    )
    .join("");
}
