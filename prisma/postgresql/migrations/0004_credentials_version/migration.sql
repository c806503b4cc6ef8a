-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "credentialsVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "credentialsVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "credentialsVersion" INTEGER NOT NULL DEFAULT 0;
