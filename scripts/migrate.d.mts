export declare function migrationsFolder(provider: "sqlite" | "postgresql"): string;
export declare function migrate(url?: string): Promise<string[]>;
