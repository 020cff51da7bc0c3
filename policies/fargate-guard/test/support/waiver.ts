import { addDays, todayUtc } from "@platform/config/waiver";

/** A reason and an expiry 30 days from the day the test runs: a waiver the pack applies. */
export const waiver = (reason: string) => ({ reason, expires: addDays(todayUtc(), 30) });
