/** A reply the test answers when it chooses: for tests where the order replies arrive in is the point. */
export function held<T>(): { promise: Promise<T>; answer: (value: T) => void } {
  let answer!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (answer = resolve));
  return { promise, answer };
}
