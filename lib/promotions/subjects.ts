// Who and what the promotion audit rows are about: the background work's actor, and the model
// version a request, decision or alias move concerns.

export const SYSTEM_ACTOR = { id: "stagegate", name: "Stagegate (automatic)" } as const;

export function versionSubject(model: string, version: string) {
  return { subjectType: "model_version", subjectId: `${model}/${version}` } as const;
}
