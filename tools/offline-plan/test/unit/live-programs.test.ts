import { LivePrograms } from "../../src/run/live-programs";

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Starts `enter` and records when it lets the program in. */
function queued(live: LivePrograms, name: string) {
  const state = { in: false, end: undefined as (() => void) | undefined };
  void live.enter(name).then((end) => {
    state.in = true;
    state.end = end;
  });
  return state;
}

it("lets no more programs live than the cap, and the next in when one ends", async () => {
  const live = new LivePrograms(2);
  const endFirst = await live.enter("dev/networking");
  await live.enter("dev/registry-access");
  const third = queued(live, "dev/service");
  await tick();
  expect(third.in).toBe(false);
  endFirst();
  endFirst(); // ending twice frees one place, not two
  await tick();
  expect(third.in).toBe(true);
  const fourth = queued(live, "dev/whoami");
  await tick();
  expect(fourth.in).toBe(false);
});

it("lets in at once, beyond the cap, a queued stack that a live program waits on", async () => {
  const live = new LivePrograms(1);
  await live.enter("dev/service"); // queued first, it waits on networking, queued behind it
  const other = queued(live, "dev/whoami");
  const networking = queued(live, "dev/networking");
  await tick();
  live.want("dev/networking");
  await tick();
  expect({ networking: networking.in, other: other.in }).toEqual({ networking: true, other: false });
});

it("lets a stack in beyond the cap when it was waited on before it asked to start", async () => {
  const live = new LivePrograms(1);
  await live.enter("dev/service");
  live.want("dev/networking");
  const networking = queued(live, "dev/networking");
  await tick();
  expect(networking.in).toBe(true);
  // The exception is used up: the same name asking again waits its turn.
  const again = queued(live, "dev/networking");
  await tick();
  expect(again.in).toBe(false);
});

it("makes no exception for a stack that is already live or has ended", async () => {
  const live = new LivePrograms(1);
  const end = await live.enter("dev/networking");
  live.want("dev/networking");
  end();
  await live.enter("dev/service");
  const networkingOfAnotherRun = queued(live, "dev/networking");
  await tick();
  expect(networkingOfAnotherRun.in).toBe(false);
});

it("never has more live than the cap when places free up one after another", async () => {
  const live = new LivePrograms(2);
  const ends = [await live.enter("a"), await live.enter("b")];
  const waiting = ["c", "d", "e"].map((name) => queued(live, name));
  ends.forEach((end) => end());
  await tick();
  expect(waiting.map((w) => w.in)).toEqual([true, true, false]);
});

it("keeps each plan's names apart: a base and a head plan stacks of the same names in one run", async () => {
  const live = new LivePrograms(1);
  const [head, base] = [live.forPlan(), live.forPlan()];
  const endHeadNetworking = await head.enter("dev/networking");
  endHeadNetworking();
  await base.enter("dev/service");
  let baseNetworking = false;
  void base.enter("dev/networking").then(() => (baseNetworking = true));
  // The head's networking has been in; the base's is another stack, let in when the base's service waits on it.
  base.want("dev/networking");
  await tick();
  expect(baseNetworking).toBe(true);
});
