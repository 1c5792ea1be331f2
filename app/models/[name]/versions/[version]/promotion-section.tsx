import "server-only";

/**
 * The version page's promotion part: policy results against the champion, the request form,
 * decision controls and the version's timeline. Owned by the promotions area.
 */
export async function PromotionSection({ model, version }: { model: string; version: string }) {
  return (
    <section aria-labelledby="promotion-heading" data-model={model} data-version={version}>
      <h2 id="promotion-heading" className="text-lg font-semibold">
        Promotion
      </h2>
    </section>
  );
}
