// `@db.Date` columns come back as UTC midnights; the API speaks 'YYYY-MM-DD' (Japan dates).

export function fromIsoDate(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
