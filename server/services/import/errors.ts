/**
 * A problem with the file as a whole (empty, unreadable, wrong headers) or with what it needs
 * from the database: nothing in it can be imported row by row. The HTTP route answers with
 * `status`, the CLI prints the message and exits 1.
 */
export class ImportFileError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: { path?: string; message: string; [key: string]: unknown }[] = [],
    readonly status: 400 | 409 = 400,
  ) {
    super(message);
  }
}
