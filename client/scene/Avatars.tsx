import type { VenueConnection } from "../net/VenueConnection.js";
import { useStore } from "../net/store.js";
import { Avatar } from "./Avatar.js";

interface AvatarsProps {
  connection: VenueConnection;
  reducedMotion: boolean;
  segments: number;
  shadows: boolean;
}

export function Avatars({ connection, reducedMotion, segments, shadows }: AvatarsProps) {
  const members = useStore(connection.view, (v) => v.members);
  return (
    <>
      {members.map((member) => (
        <Avatar
          key={member.sessionId}
          connection={connection}
          member={member}
          reducedMotion={reducedMotion}
          segments={segments}
          shadows={shadows}
        />
      ))}
    </>
  );
}
