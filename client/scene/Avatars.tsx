import type { VenueConnection } from "../net/VenueConnection.js";
import { useStore } from "../net/store.js";
import { useNameTags } from "../ui/useNameTags.js";
import { Avatar } from "./Avatar.js";

interface AvatarsProps {
  connection: VenueConnection;
  reducedMotion: boolean;
  segments: number;
  shadows: boolean;
}

export function Avatars({ connection, reducedMotion, segments, shadows }: AvatarsProps) {
  const members = useStore(connection.view, (v) => v.members);
  const nameTags = useNameTags(members);
  return (
    <>
      {members.map((member) => (
        <Avatar
          key={member.sessionId}
          connection={connection}
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
