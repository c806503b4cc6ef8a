-- CreateTable
CREATE TABLE "LoginCounter" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowEnds" BIGINT NOT NULL DEFAULT 0,
    "inFlight" INTEGER NOT NULL DEFAULT 0,
    "leaseEnds" BIGINT NOT NULL DEFAULT 0,
    "notedLock" BIGINT NOT NULL DEFAULT 0
);
