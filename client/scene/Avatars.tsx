import { useMembers } from "../state/hooks.js";
import { useNameTags } from "../ui/useNameTags.js";
import { Avatar } from "./Avatar.js";

interface AvatarsProps {
  reducedMotion: boolean;
  segments: number;
  shadows: boolean;
}

/** One avatar per member of this room: re-renders when someone joins, leaves or changes what their label shows. */
export function Avatars({ reducedMotion, segments, shadows }: AvatarsProps) {
  const members = useMembers((m) => m.members);
  const nameTags = useNameTags(members);
  return (
    <>
      {members.map((member) => (
        <Avatar
          key={member.sessionId}
          member={member}
          nameTag={nameTags.get(member.sessionId)}
          reducedMotion={reducedMotion}
          segments={segments}
          shadows={shadows}
        />
      ))}
    </>
  );
}
