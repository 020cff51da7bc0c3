import { ProgramSlots } from "../../src/run/program-slots";

const tick = () => new Promise((resolve) => setImmediate(resolve));

it("lets no more programs run than there are slots, and starts the next when one ends", async () => {
  const slots = new ProgramSlots(2);
  const first = await slots.lease();
  await slots.lease();
  let third = false;
  void slots.lease().then(() => (third = true));
  await tick();
  expect(third).toBe(false);
  first.release();
  await tick();
  expect(third).toBe(true);
});

it("gives a program's slot to another while it waits on a stack reference, and takes one back after", async () => {
  const slots = new ProgramSlots(1);
  const consumer = await slots.lease();
  let resolveReference!: (outputs: string) => void;
  const waited = consumer.outside(new Promise<string>((resolve) => (resolveReference = resolve)));
  const producer = await slots.lease();
  let consumerResumed = false;
  void waited.then(() => (consumerResumed = true));
  resolveReference("outputs");
  await tick();
  expect(consumerResumed).toBe(false);
  producer.release();
  expect(await waited).toBe("outputs");
});

it("does not count a slot twice when a program ends while it waits", async () => {
  const slots = new ProgramSlots(1);
  const lease = await slots.lease();
  let resolveReference!: () => void;
  const waited = lease.outside(new Promise<void>((resolve) => (resolveReference = resolve)));
  lease.release();
  resolveReference();
  await waited;
  const next = await slots.lease();
  let another = false;
  void slots.lease().then(() => (another = true));
  await tick();
  expect(another).toBe(false);
  next.release();
});

it("takes one slot back, not one per reference, after a program waited on two stack references at once", async () => {
  const slots = new ProgramSlots(2);
  const consumer = await slots.lease();
  const references = [Promise.resolve("networking"), Promise.resolve("registry-access")];
  await Promise.all(references.map((reference) => consumer.outside(reference)));
  const other = await slots.lease();
  consumer.release();
  other.release();
  const both = await Promise.all([slots.lease(), slots.lease()]);
  let third = false;
  void slots.lease().then(() => (third = true));
  await tick();
  expect(both).toHaveLength(2);
  expect(third).toBe(false);
});

it("takes one slot back when a second wait starts and ends while the first is still taking its slot back", async () => {
  const slots = new ProgramSlots(1);
  const consumer = await slots.lease();
  const first = consumer.outside(Promise.resolve("networking"));
  const producer = await slots.lease();
  await tick();
  // The first wait is over and queued for the slot the producer holds; a second one comes and goes.
  const second = consumer.outside(Promise.resolve("registry-access"));
  await tick();
  producer.release();
  await Promise.all([first, second]);
  consumer.release();
  const next = await slots.lease();
  let another = false;
  void slots.lease().then(() => (another = true));
  await tick();
  expect(another).toBe(false);
  next.release();
  await tick();
  expect(another).toBe(true);
});
