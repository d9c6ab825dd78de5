// Placeholder until the ActorView lands (replaced by its own change).
export function ActorView({ id }: { id: string }) {
  return (
    <section>
      <h1 tabIndex={-1}>ActorView</h1>
      <p>{id}</p>
    </section>
  );
}
