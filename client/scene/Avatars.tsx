import { useMembers } from "../state/hooks.js";
import { Avatar } from "./Avatar.js";

interface AvatarsProps {
  reducedMotion: boolean;
  segments: number;
  shadows: boolean;
}

/** One avatar per member of this room: re-renders when someone joins, leaves or changes how they look. */
export function Avatars({ reducedMotion, segments, shadows }: AvatarsProps) {
  const members = useMembers((m) => m.members);
  return (
    <>
      {members.map((member) => (
        <Avatar key={member.sessionId} member={member} reducedMotion={reducedMotion} segments={segments} shadows={shadows} />
      ))}
    </>
  );
}
