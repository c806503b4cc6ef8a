export declare const SQLITE_SCHEMA: string;
export declare const POSTGRES_SCHEMA: string;
export declare function postgresSchemaText(sqliteText?: string): string;
export declare function writePostgresSchema(): void;
