export declare function workerCount(env?: Record<string, string | undefined>): number;
export declare function hashThreadsPerWorker(workers: number, env?: Record<string, string | undefined>): string;
export declare function serve(options: {
  port: string | number;
  env: Record<string, string | undefined>;
  execArgv: string[];
}): void;
