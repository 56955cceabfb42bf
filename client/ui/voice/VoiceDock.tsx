import { MicPrompt } from "./MicPrompt.js";
import { StageAudioBar } from "./StageAudioBar.js";
import "./voice.css";

/** Stage voice over the venue's bottom bar: the speaker's microphone, then the stage's sound for everyone. */
export function VoiceDock() {
  return (
    <div className="voice-dock" data-testid="voice-dock">
      <MicPrompt />
      <StageAudioBar />
    </div>
  );
}
