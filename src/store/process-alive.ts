// Whether a process with this pid exists on this machine. Signal 0 checks without sending anything
// (kill(2)): ESRCH means no such process, EPERM means one exists that belongs to another user.
export function processIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
