// A small WebGL point renderer for the embedding map: one vertex buffer of map coordinates, one of RGBA
// colours, round points drawn in one call (10⁵ points per frame), the highlighted point drawn on top.
// Renderer (DOM/WebGL).
import { viewScale, type MapView } from './map-geometry';

const VERTEX = `
attribute vec2 a_pos;
attribute vec4 a_colour;
uniform vec2 u_scale;
uniform vec2 u_pan;
uniform float u_size;
varying vec4 v_colour;
void main() {
  gl_Position = vec4(a_pos * u_scale + u_pan, 0.0, 1.0);
  gl_PointSize = u_size;
  v_colour = a_colour;
}`;

const FRAGMENT = `
precision mediump float;
varying vec4 v_colour;
void main() {
  vec2 c = gl_PointCoord - vec2(0.5);
  if (dot(c, c) > 0.25) discard;
  gl_FragColor = v_colour;
}`;

export class WebGlUnavailable extends Error {}

function compile(gl: WebGLRenderingContext, type: number, source: string): WebGLShader {
  const shader = gl.createShader(type)!;
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new WebGlUnavailable(gl.getShaderInfoLog(shader) ?? 'shader did not compile');
  return shader;
}

/** The theme's colours of the map: its background, and the ring and dot of the inspected sample. */
export interface MapLook {
  background: [number, number, number];
  ring: [number, number, number];
  inspected: [number, number, number];
}

export class PointRenderer {
  private readonly gl: WebGLRenderingContext;
  private readonly program: WebGLProgram;
  private readonly positions: WebGLBuffer;
  private readonly colours: WebGLBuffer;
  private readonly single: WebGLBuffer;
  private readonly singleColour: WebGLBuffer;
  private count = 0;

  constructor(private readonly canvas: HTMLCanvasElement) {
    const gl = canvas.getContext('webgl', { antialias: false, premultipliedAlpha: false, preserveDrawingBuffer: true });
    if (!gl) throw new WebGlUnavailable('WebGL is not available in this window');
    this.gl = gl;
    const program = gl.createProgram()!;
    gl.attachShader(program, compile(gl, gl.VERTEX_SHADER, VERTEX));
    gl.attachShader(program, compile(gl, gl.FRAGMENT_SHADER, FRAGMENT));
    gl.linkProgram(program);
    if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new WebGlUnavailable(gl.getProgramInfoLog(program) ?? 'program did not link');
    this.program = program;
    this.positions = gl.createBuffer()!;
    this.colours = gl.createBuffer()!;
    this.single = gl.createBuffer()!;
    this.singleColour = gl.createBuffer()!;
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA);
  }

  /** Map coordinates [n, 2] and RGBA colours [n, 4]. */
  setPoints(points: Float32Array, colours: Uint8Array): void {
    const gl = this.gl;
    this.count = points.length / 2;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.positions);
    gl.bufferData(gl.ARRAY_BUFFER, points, gl.STATIC_DRAW);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.colours);
    gl.bufferData(gl.ARRAY_BUFFER, colours, gl.STATIC_DRAW);
  }

  setColours(colours: Uint8Array): void {
    const gl = this.gl;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.colours);
    gl.bufferData(gl.ARRAY_BUFFER, colours, gl.STATIC_DRAW);
  }

  private bind(positions: WebGLBuffer, colours: WebGLBuffer): void {
    const gl = this.gl;
    const pos = gl.getAttribLocation(this.program, 'a_pos');
    const colour = gl.getAttribLocation(this.program, 'a_colour');
    gl.bindBuffer(gl.ARRAY_BUFFER, positions);
    gl.enableVertexAttribArray(pos);
    gl.vertexAttribPointer(pos, 2, gl.FLOAT, false, 0, 0);
    gl.bindBuffer(gl.ARRAY_BUFFER, colours);
    gl.enableVertexAttribArray(colour);
    gl.vertexAttribPointer(colour, 4, gl.UNSIGNED_BYTE, true, 0, 0);
  }

  /** Draws every point, then the highlighted one (map coordinates) larger, ringed, on top. Returns points drawn. */
  draw(view: MapView, pointSize: number, highlight: [number, number] | null, look: MapLook): number {
    const gl = this.gl;
    const { width, height } = this.canvas;
    gl.viewport(0, 0, width, height);
    const [br, bg, bb] = look.background;
    gl.clearColor(br / 255, bg / 255, bb / 255, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    gl.useProgram(this.program);
    const [kx, ky] = viewScale(view, width, height);
    gl.uniform2f(gl.getUniformLocation(this.program, 'u_scale'), kx, ky);
    gl.uniform2f(gl.getUniformLocation(this.program, 'u_pan'), view.panX, view.panY);
    gl.uniform1f(gl.getUniformLocation(this.program, 'u_size'), pointSize);
    this.bind(this.positions, this.colours);
    gl.drawArrays(gl.POINTS, 0, this.count);
    if (highlight) {
      gl.bindBuffer(gl.ARRAY_BUFFER, this.single);
      gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([...highlight, ...highlight]), gl.DYNAMIC_DRAW);
      gl.bindBuffer(gl.ARRAY_BUFFER, this.singleColour);
      gl.bufferData(gl.ARRAY_BUFFER, new Uint8Array([...look.ring, 255, ...look.inspected, 255]), gl.DYNAMIC_DRAW);
      this.bind(this.single, this.singleColour);
      gl.uniform1f(gl.getUniformLocation(this.program, 'u_size'), pointSize + 10);
      gl.drawArrays(gl.POINTS, 0, 1);
      gl.uniform1f(gl.getUniformLocation(this.program, 'u_size'), pointSize + 5);
      gl.drawArrays(gl.POINTS, 1, 1);
    }
    return this.count;
  }

  dispose(): void {
    const gl = this.gl;
    for (const buffer of [this.positions, this.colours, this.single, this.singleColour]) gl.deleteBuffer(buffer);
    gl.deleteProgram(this.program);
  }
}
