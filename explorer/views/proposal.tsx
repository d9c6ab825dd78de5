// Placeholder until the ProposalView lands (replaced by its own change).
export function ProposalView({ id }: { id: string }) {
  return (
    <section>
      <h1 tabIndex={-1}>ProposalView</h1>
      <p>{id}</p>
    </section>
  );
}
