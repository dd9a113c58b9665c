/** The instant every test process starts at unless RECEPTA_TEST_NOW says otherwise. */
export declare const DEFAULT_TEST_NOW: string;
/** The pinned "now", in milliseconds since the epoch (the same as `Date.now()` in a test process). */
export declare function testNow(): number;
/** How far the pinned clock runs from the real one, in milliseconds. */
export declare function testClockOffset(): number;
/** Replaces `scope.Date` with one that runs `offset` ms away from the real clock (self-contained: also runs in a page). */
export declare function shiftDate(scope: { Date: DateConstructor }, offset: number): void;
