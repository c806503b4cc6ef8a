-- AlterTable (SQLite adds a NOT NULL column in place when it has a constant default; Prisma's
-- diff would rebuild the three tables instead, to the same result)
ALTER TABLE "ApiToken" ADD COLUMN "credentialsVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN "credentialsVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "User" ADD COLUMN "credentialsVersion" INTEGER NOT NULL DEFAULT 0;
