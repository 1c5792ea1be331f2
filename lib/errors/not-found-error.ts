/** Thrown by verbs for an id that does not exist (upstream or here), so the route answers "not found". */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotFoundError";
  }
}
