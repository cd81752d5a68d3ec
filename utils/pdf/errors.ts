/**
 * Why a PDF could not be opened, in words a reader can act on. Pure: PDF.js's exceptions are
 * told apart by their `name`.
 */
export function pdfErrorMessage(error: unknown): string {
  const name = (error as { name?: string } | null)?.name ?? '';
  const status = (error as { status?: number } | null)?.status;
  if (name === 'PasswordException') {
    return 'This PDF is protected by a password, and none was given: open it again to enter it.';
  }
  if (name === 'InvalidPDFException') {
    return 'This file is not a PDF, or it is damaged: PDF.js could not read it.';
  }
  if (name === 'ResponseException' || name === 'MissingPDFException') {
    return status
      ? `The PDF could not be downloaded (the server answered ${status}).`
      : 'The PDF could not be downloaded.';
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `The PDF could not be opened: ${detail}`;
}
