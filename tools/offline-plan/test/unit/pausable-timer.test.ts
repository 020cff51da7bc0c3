import { pausableTimer } from "../../src/pausable-timer";

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe("a program's timeout clock", () => {
  it("fires once it has run its whole time", () => {
    const fire = jest.fn();
    pausableTimer(1_000, fire);
    jest.advanceTimersByTime(999);
    expect(fire).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it("does not count the time it is paused (a program waiting for an upstream stack)", () => {
    const fire = jest.fn();
    const clock = pausableTimer(1_000, fire);
    jest.advanceTimersByTime(600);
    clock.pause();
    jest.advanceTimersByTime(60_000);
    expect(fire).not.toHaveBeenCalled();
    clock.resume();
    jest.advanceTimersByTime(399);
    expect(fire).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it("ignores a second pause or resume", () => {
    const fire = jest.fn();
    const clock = pausableTimer(1_000, fire);
    jest.advanceTimersByTime(500);
    clock.pause();
    clock.pause();
    clock.resume();
    clock.resume();
    jest.advanceTimersByTime(500);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it("never fires once stopped, even if an answer comes later and resumes it", () => {
    const fire = jest.fn();
    const clock = pausableTimer(1_000, fire);
    clock.pause();
    clock.stop();
    clock.resume();
    jest.advanceTimersByTime(10_000);
    expect(fire).not.toHaveBeenCalled();
  });
});
