// Placeholder until the ReviewView lands (replaced by its own change).
export function ReviewView() {
  return (
    <section>
      <h1 tabIndex={-1}>ReviewView</h1>
      
    </section>
  );
}
