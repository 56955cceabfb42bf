import { useEffect, useMemo } from "react";
import { CanvasTexture, SRGBColorSpace } from "three";
import { STAGE } from "../../shared/rules/venue.js";
import { StageScreen } from "./StageScreen.js";

const STAGE_HEIGHT = 0.6;
const FONT = 'system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", "Grove Color Emoji"';

/** The event title drawn on the stage screen with the system font (no font files are fetched). */
function useScreenTexture(title: string): CanvasTexture {
  const texture = useMemo(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 1024;
    canvas.height = 512;
    const ctx = canvas.getContext("2d");
    if (ctx) {
      const gradient = ctx.createLinearGradient(0, 0, 0, canvas.height);
      gradient.addColorStop(0, "#24463a");
      gradient.addColorStop(1, "#173127");
      ctx.fillStyle = gradient;
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.fillStyle = "#f6eedc";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      let size = 96;
      ctx.font = `700 ${size}px ${FONT}`;
      while (ctx.measureText(title).width > canvas.width - 120 && size > 36) {
        size -= 6;
        ctx.font = `700 ${size}px ${FONT}`;
      }
      ctx.fillText(title, canvas.width / 2, canvas.height / 2 - 20);
      ctx.fillStyle = "#9ccf7f";
      ctx.fillRect(canvas.width / 2 - 80, canvas.height / 2 + size / 2 + 10, 160, 8);
    }
    const t = new CanvasTexture(canvas);
    t.colorSpace = SRGBColorSpace;
    return t;
  }, [title]);
  useEffect(() => () => texture.dispose(), [texture]);
  return texture;
}

export function Stage({ title, shadows }: { title: string; shadows: boolean }) {
  const width = STAGE.maxX - STAGE.minX;
  const depth = STAGE.maxZ - STAGE.minZ;
  const cx = (STAGE.minX + STAGE.maxX) / 2;
  const cz = (STAGE.minZ + STAGE.maxZ) / 2;
  const screen = useScreenTexture(title);
  return (
    <group>
      <mesh position={[cx, STAGE_HEIGHT / 2, cz]} castShadow={shadows} receiveShadow>
        <boxGeometry args={[width, STAGE_HEIGHT, depth]} />
        <meshStandardMaterial color="#a8794f" roughness={0.75} />
      </mesh>
      <mesh position={[cx, STAGE_HEIGHT + 0.01, STAGE.maxZ - 0.25]}>
        <boxGeometry args={[width, 0.02, 0.3]} />
        <meshStandardMaterial color="#f3d9a4" roughness={0.6} />
      </mesh>
      <mesh position={[cx, 3.6, STAGE.minZ + 1.2]} castShadow={shadows}>
        <boxGeometry args={[width - 1, 6, 0.3]} />
        <meshStandardMaterial color="#e8dcc2" roughness={0.9} />
      </mesh>
      <mesh position={[cx, 3.8, STAGE.minZ + 1.37]}>
        <planeGeometry args={[9, 4.5]} />
        <meshBasicMaterial map={screen} toneMapped={false} />
      </mesh>
      <StageScreen position={[cx, 3.8, STAGE.minZ + 1.38]} width={9} height={4.5} />
      {[STAGE.minX + 0.6, STAGE.maxX - 0.6].map((x) => (
        <mesh key={x} position={[x, 4.1, STAGE.maxZ - 0.6]} castShadow={shadows}>
          <cylinderGeometry args={[0.15, 0.2, 7, 10]} />
          <meshStandardMaterial color="#7a5436" />
        </mesh>
      ))}
      {/* The front beam sits above the back wall, so that from the floor it frames the screen instead of crossing it. */}
      <mesh position={[cx, 7.5, STAGE.maxZ - 0.6]} castShadow={shadows}>
        <boxGeometry args={[width - 1, 0.3, 0.3]} />
        <meshStandardMaterial color="#7a5436" />
      </mesh>
    </group>
  );
}
