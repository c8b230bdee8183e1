/** A free loopback TCP port (scripts/lib/freePort.mjs). */
export declare function freePort(): Promise<number>;
