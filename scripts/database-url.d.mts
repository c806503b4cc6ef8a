import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

export declare const DEFAULT_SQLITE_PATH: string;
export declare function resolveDatabaseUrl(env?: Record<string, string | undefined>): string;
export declare function providerOf(url: string): "sqlite" | "postgresql";
export declare function sqlitePath(url: string): string;
export declare function driverAdapterFor(url: string): Promise<SqlMigrationAwareDriverAdapterFactory>;
