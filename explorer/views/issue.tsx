// Placeholder until the IssueView lands (replaced by its own change).
export function IssueView({ id }: { id: string }) {
  return (
    <section>
      <h1 tabIndex={-1}>IssueView</h1>
      <p>{id}</p>
    </section>
  );
}
