// Placeholder until the MatrixView lands (replaced by its own change).
export function MatrixView() {
  return (
    <section>
      <h1 tabIndex={-1}>MatrixView</h1>
      
    </section>
  );
}
