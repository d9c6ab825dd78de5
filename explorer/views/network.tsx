// Placeholder until the NetworkView lands (replaced by its own change).
export function NetworkView() {
  return (
    <section>
      <h1 tabIndex={-1}>NetworkView</h1>
      
    </section>
  );
}
